// `make mock-stateful`: the stateful mock on a real clock, for working offline with the client or the CLI.
import { startStatefulMock } from './stateful-server.js';

const port = Number(process.env.PORT ?? 4011);
const apiKey = process.env.MOCK_API_KEY ?? 'mock-key';
const mock = await startStatefulMock({ port, apiKey });
console.log(`Stateful fine-tune mock listening on ${mock.url}`);
console.log(`  export ATAI_BASE_URL=${mock.url} ATAI_API_KEY=${apiKey}`);
console.log('Jobs go REGISTERED -> STARTING -> RUNNING -> FINALIZING -> COMPLETED in about 40 s. Ctrl-C stops it.');
const shutdown = () => void mock.stop().then(() => process.exit(0));
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
