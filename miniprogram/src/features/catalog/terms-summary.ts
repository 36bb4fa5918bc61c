// The product page's highlights live in shared: the console's sales replay shows the same words.
export { summariseTerms } from '@xiaoan/shared';
