import Fastify from 'fastify';

// The ceiling for the read benchmark: Fastify answering one fixed JSON body, read from stdin.
const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const body = Buffer.concat(chunks).toString('utf8');
const app = Fastify({ logger: false });
app.get('/page', async (_req, reply) => reply.type('application/json').send(body));
await app.listen({ port: Number(process.argv[2]), host: '127.0.0.1' });
