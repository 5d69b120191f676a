// What the browser bundles get for zod's `locales` namespace: the two languages of the product
// instead of all of zod's (about 260 KB minified). The sidebar words its own messages
// (shared/core/i18n); zod's are a fallback at most. See zodLocales in page-bundle.js.
export { default as en } from 'zod/v4/locales/en.js';
export { default as zhCN } from 'zod/v4/locales/zh-CN.js';
