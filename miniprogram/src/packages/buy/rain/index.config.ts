export default definePageConfig({
  navigationBarTitleText: '景区下雨险',
});
