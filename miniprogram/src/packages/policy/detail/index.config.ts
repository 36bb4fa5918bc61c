export default definePageConfig({
  navigationBarTitleText: '保单详情',
  enableShareAppMessage: true,
});
