export * from './decimal';
export * from './datetime';
export * from './blob';
export * from './clock';
export * from './double';
