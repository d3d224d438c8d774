export * from './lab-phase/lab-phase.js';
