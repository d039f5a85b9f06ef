import Fastify from 'fastify';

// The ceiling for the write benchmark: Fastify parsing a JSON body on one POST route and answering
// a small JSON document, with no session, no validation, no database.
const app = Fastify({ logger: false });
app.post('/write', async (req) => ({ received: Object.keys((req.body ?? {}) as object).length }));
await app.listen({ port: Number(process.argv[2]), host: '127.0.0.1' });
