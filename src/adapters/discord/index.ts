// Public entry points of the Discord adapter.
export { createDiscordAdapter, type DiscordAdapter, type DiscordAdapterOptions } from './adapter.ts';
export { createDiscordHttpAdapter, INTERACTIONS_PATH, type DiscordHttpAdapter, type DiscordHttpAdapterOptions } from './http/adapter.ts';
export { registerCommands, type RegisterResult } from './register.ts';
export { briefCommand } from './definition.ts';
export { renderReply, LIMITS } from './embeds.ts';
