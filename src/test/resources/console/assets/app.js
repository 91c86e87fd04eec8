export const consoleTestAsset = true;
