export default definePageConfig({
  navigationBarTitleText: '小安保险',
});
