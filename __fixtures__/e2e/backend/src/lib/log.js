export const log = (message) => console.log(`[orders-api] ${message}`);
