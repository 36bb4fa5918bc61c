import type { NotificationProvider } from '@refinedev/core';
import { App } from 'antd';

/**
 * refine's notifications through antd's App notification API (what @refinedev/antd's provider
 * does), written here so the console's entry does not import @refinedev/antd: that package's one
 * module pulls every antd component into the first download. The console never uses undoable
 * mutations, so a `progress` notice is shown as information.
 */
export const useConsoleNotificationProvider = (): NotificationProvider => {
  const { notification } = App.useApp();
  return {
    open: ({ key, message, description, type }) => {
      notification.open({
        key,
        message,
        description,
        type: type === 'progress' ? 'info' : type,
        placement: 'topRight',
      });
    },
    close: (key) => notification.destroy(key),
  };
};
