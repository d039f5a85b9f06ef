// The few parts of autocannon the benchmarks use (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';
  namespace autocannon {
    type Request = { method?: string; path: string; headers?: Record<string, string>; body?: string; setupRequest?: (req: Request, context: Record<string, unknown>) => Request; onResponse?: (status: number, body: string, context: Record<string, unknown>) => void };
    type Options = { url: string; connections?: number; duration?: number; amount?: number; headers?: Record<string, string>; requests?: Request[] };
    type Histogram = { average: number; p50: number; p97_5: number; p99: number; total: number };
    type Result = { requests: Histogram; latency: Histogram; throughput: Histogram; errors: number; timeouts: number; non2xx: number };
  }
  function autocannon(options: autocannon.Options, done: (err: Error | null, result: autocannon.Result) => void): EventEmitter;
  export default autocannon;
}
