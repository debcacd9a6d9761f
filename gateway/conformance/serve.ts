/**
 * Serves every suite's subgraphs, supergraphs and expected answers (`/ids`, `/<id>/supergraph`, `/<id>/tests`) on
 * loopback, at the port given as the first argument; prints `ready` once it listens.
 */
if (!('withResolvers' in Promise)) {
  // Node 20 lacks it; the upstream server uses it
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T) => void;
      let reject!: (reason: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
const { serve } = await import('./upstream/src/index.ts');
await serve(Number(process.argv[2]));
process.stdout.write('ready\n');
