export { createHttpStack, memoizeConfig, type HttpStack, type ConfigProvider } from "./http-stack.js";
