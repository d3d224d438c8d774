export * from './lab-phase/lab-phase.js';
export * from './access/lab-roles.js';
export * from './identity/refresh-token-rotation.js';
export * from './labs/lab-settings.js';
