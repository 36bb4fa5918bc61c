export default definePageConfig({
  navigationBarTitleText: '我的保单',
  enablePullDownRefresh: true,
});
