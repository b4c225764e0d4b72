import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

afterEach(cleanup);

// findBy and waitFor wait up to 1 s by default: too short on a busy shared machine.
configure({ asyncUtilTimeout: 10_000 });

// jsdom lacks what Ant Design's responsive parts ask the browser.
window.matchMedia ??= (query: string) =>
  ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }) as MediaQueryList;

// A warning React or Ant Design prints (a deprecated prop, a missing key) fails the test,
// as an error in the browser's console fails the end-to-end run.
const consoleError = console.error;
let errors: string[] = [];
beforeEach(() => {
  errors = [];
  console.error = (...args: unknown[]) => {
    consoleError(...args);
    errors.push(args.map(String).join(' '));
  };
});
afterEach(() => {
  console.error = consoleError;
  if (errors.length) throw new Error(`console.error was called:\n${errors.join('\n')}`);
});

// Nor does it lay out, so Ant Design's popups measure nothing.
window.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

// jsdom computes no styles of pseudo-elements (and says so on the console); the element's
// own style is all Ant Design's scroll lock needs.
const getComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => getComputedStyle(element);
