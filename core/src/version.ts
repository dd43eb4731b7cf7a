/** The version of the extension, the language server and the CLI; `test/packaging` holds it to package.json's. */
export const productVersion = '0.1.0';
