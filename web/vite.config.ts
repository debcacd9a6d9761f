import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** `npm run dev -w web` proxies the API to the gateway started by `npm start`. */
export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy: { '/graphql': 'http://127.0.0.1:4000' } },
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 600 },
});
