import base from './playwright.config.js';
export default { ...base, webServer: base.webServer.filter((server) => !server.command.startsWith('trunk')) };
