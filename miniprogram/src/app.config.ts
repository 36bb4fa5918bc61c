export default defineAppConfig({
  // The main package holds only the three tab pages; everything else lives in sub-packages so
  // the main package stays under WeChat's 2 MB limit.
  pages: ['pages/home/index', 'pages/policies/index', 'pages/me/index'],
  subPackages: [
    {
      root: 'packages/buy',
      pages: [
        'product/index',
        'flight/index',
        'heat/index',
        'rain/index',
        'quote/index',
        'insured/index',
        'pay/index',
        'result/index',
      ],
    },
    {
      root: 'packages/policy',
      pages: ['detail/index', 'verify/index'],
    },
    {
      root: 'packages/legal',
      pages: ['document/index'],
    },
    {
      root: 'packages/orders',
      pages: ['list/index'],
    },
    {
      root: 'packages/insureds',
      pages: ['list/index'],
    },
    {
      root: 'packages/claims',
      pages: ['list/index', 'detail/index'],
    },
    {
      root: 'packages/support',
      pages: ['chat/index', 'faq/index'],
    },
    {
      root: 'packages/campaign',
      pages: ['index/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#00A870',
    navigationBarTitleText: '小安保险',
    navigationBarTextStyle: 'white',
    backgroundColor: '#F4F6F8',
  },
  // Tab icons are local 81x81 PNGs (a few KB in the main package); WeChat's tab bar takes no SVG.
  tabBar: {
    color: '#8A9099',
    selectedColor: '#00A870',
    backgroundColor: '#FFFFFF',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/policies/index',
        text: '保单',
        iconPath: 'assets/tabbar/policies.png',
        selectedIconPath: 'assets/tabbar/policies-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
});
