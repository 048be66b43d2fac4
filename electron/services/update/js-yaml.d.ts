// js-yaml ships no types; this is the part update-feed.ts uses (js-yaml 4).
declare module 'js-yaml' {
  type Schema = { readonly __schema: unique symbol };
  const yaml: {
    JSON_SCHEMA: Schema;
    load(text: string, options?: { schema?: Schema; filename?: string }): unknown;
    dump(value: unknown, options?: { lineWidth?: number }): string;
  };
  export default yaml;
}
