export default definePageConfig({
  navigationBarTitleText: '选择保障',
});
