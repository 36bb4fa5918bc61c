export default definePageConfig({
  navigationBarTitleText: '填写被保险人',
});
