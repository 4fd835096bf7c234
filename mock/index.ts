// atai-finetune/mock: the stateful lifecycle mock, published for testing apps against it.
export * from './stateful-server.js';
