import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { App, ConfigProvider } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { theme } from '../theme';

/** Renders as the console does, without animations: leaving messages linger otherwise. */
export function renderConsole(ui: ReactElement) {
  return render(
    <ConfigProvider theme={{ ...theme, token: { ...theme.token, motion: false } }}>
      <App>{ui}</App>
    </ConfigProvider>,
  );
}

/** Renders element at path among the console's providers, with its route pattern. */
export function renderRoute(element: ReactElement, path: string, pattern = path) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return renderConsole(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path={pattern} element={element} />
          <Route path="*" element={<p>elsewhere</p>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

export interface GraphQLCall {
  query: string;
  variables?: Record<string, unknown>;
}

/**
 * Stands in for the API: answer is called with each request and returns its JSON body.
 * The calls are recorded.
 */
export function mockApi(answer: (call: GraphQLCall) => unknown) {
  const calls: GraphQLCall[] = [];
  globalThis.fetch = (async (_url: string, init: RequestInit) => {
    const call = JSON.parse(String(init.body)) as GraphQLCall;
    calls.push(call);
    return new Response(JSON.stringify(answer(call)), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  return calls;
}
