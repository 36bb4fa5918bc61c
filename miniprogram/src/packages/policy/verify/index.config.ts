export default definePageConfig({
  navigationBarTitleText: '保单验真',
});
