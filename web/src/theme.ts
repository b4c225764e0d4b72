import type { ThemeConfig } from 'antd';

// Ant Design's default blue, red and grey texts fall short of WCAG AA contrast (4.5:1) on
// white; these are its own darker steps of the same palette.
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9', // blue-7
    colorLink: '#0958d9',
    colorError: '#cf1322', // red-7
    colorSuccess: '#237804', // green-8
    colorWarning: '#ad4e00', // orange-8
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
  },
};
