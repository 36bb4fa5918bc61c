export default definePageConfig({
  navigationBarTitleText: '37°C高温险',
});
