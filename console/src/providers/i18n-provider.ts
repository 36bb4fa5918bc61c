import type { I18nProvider } from '@refinedev/core';

/** refine's own words (buttons, notifications, the error page) in Chinese; the console's copy is written in Chinese directly. */
const ZH_CN: Record<string, string> = {
  'buttons.create': '新建',
  'buttons.save': '保存',
  'buttons.logout': '退出登录',
  'buttons.delete': '删除',
  'buttons.edit': '编辑',
  'buttons.cancel': '取消',
  'buttons.confirm': '确定要这样做吗？',
  'buttons.filter': '筛选',
  'buttons.clear': '清除',
  'buttons.refresh': '刷新',
  'buttons.show': '查看',
  'buttons.undo': '撤销',
  'buttons.import': '导入',
  'buttons.clone': '复制',
  'buttons.notAccessTitle': '当前岗位无权进行此操作',
  'notifications.success': '操作成功',
  'notifications.error': '出错了（状态码：{{statusCode}}）',
  'notifications.undoable': '{{seconds}} 秒内可撤销',
  'notifications.createSuccess': '新建成功',
  'notifications.editSuccess': '保存成功',
  'notifications.createError': '新建失败（状态码：{{statusCode}}）',
  'notifications.editError': '保存失败（状态码：{{statusCode}}）',
  'pages.error.404': '页面不存在',
  'pages.error.resource404': '页面不存在',
  'pages.error.backHome': '返回首页',
  'pages.error.info': '您可能忘记添加 {{action}} 组件到 {{resource}} 资源。',
  warnWhenUnsavedChanges: '有未保存的修改，确定离开吗？',
  loading: '加载中',
  'tags.clone': '复制',
  'dashboard.title': '首页',
  'actions.list': '列表',
  'actions.create': '新建',
  'actions.edit': '编辑',
  'actions.show': '详情',
};

const interpolate = (text: string, options: unknown): string =>
  typeof options === 'object' && options !== null
    ? text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
        const value = (options as Record<string, unknown>)[name];
        return value === undefined ? whole : String(value);
      })
    : text;

export const i18nProvider: I18nProvider = {
  translate: (key, options, defaultMessage) => {
    const text = ZH_CN[key] ?? (typeof options === 'string' ? options : defaultMessage) ?? key;
    return interpolate(text, options);
  },
  changeLocale: () => Promise.resolve(),
  getLocale: () => 'zh-CN',
};
