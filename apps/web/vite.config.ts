import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Vendor chunks: the React runtime (both UIs), the antd desktop kit (console only) and antd-mobile (H5 only).
 * Helpers both kits use (dayjs, classnames, @rc-component/mini-decimal…) are left to the default splitting so
 * the H5 never loads the antd chunk.
 */
const vendorGroups = [
  { name: 'react-vendor', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/, priority: 30 },
  { name: 'antd-vendor', test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component[\\/](?!mini-decimal))/, priority: 20 },
  { name: 'mobile-vendor', test: /[\\/]node_modules[\\/](antd-mobile|@react-spring|@use-gesture|ahooks|rc-[\w-]+)[\\/]/, priority: 20 },
  { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/, priority: 10 },
];

export default defineConfig({
  plugins: [react()],
  // The workspace root hoists an older React for antd-mobile's peers; bundle the app's React 19 only.
  resolve: { dedupe: ['react', 'react-dom'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      input: { console: here('./index.html'), mobile: here('./m/index.html') },
      output: { codeSplitting: { groups: vendorGroups } },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
