import { ThemedLayout, ThemedSider } from '@refinedev/antd';
import { Skeleton } from 'antd';
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { ConsoleHeader } from './console-header.js';
import { ConsoleTitle } from './console-title.js';
import { PasswordGate } from './password-gate.js';

/**
 * The signed-in console: menu, header, and the page (each page its own chunk). Loaded on its own
 * (React.lazy in app.tsx), so the sign-in page does not wait for the layout and its components.
 */
export default function ConsoleShell() {
  return (
    <ThemedLayout
      Header={ConsoleHeader}
      Title={ConsoleTitle}
      Sider={(props) => (
        <ThemedSider
          {...props}
          fixed
          render={({ items, logout }) => (
            <>
              {items}
              {logout}
            </>
          )}
        />
      )}
    >
      <PasswordGate>
        <Suspense fallback={<Skeleton active />}>
          <Outlet />
        </Suspense>
      </PasswordGate>
    </ThemedLayout>
  );
}
