export default definePageConfig({
  navigationBarTitleText: '常用被保险人',
});
