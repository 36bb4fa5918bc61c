import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { reportCardOpen } from './services/invite-attribution';
import './app.scss';

function App({ children }: PropsWithChildren) {
  // Opened through a share card or poster: counted for attribution (never rewarded).
  useLaunch(() => {
    void reportCardOpen();
  });
  return children;
}

export default App;
