import type { ThemeConfig } from 'antd';

// Ant Design's default blue, red and grey texts fall short of WCAG AA contrast (4.5:1) on
// white; these are its own darker steps of the same palette.
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9', // blue-7
    // Hovered and pressed go darker, not lighter as by default, to keep the contrast.
    colorPrimaryHover: '#003eb3', // blue-8
    colorPrimaryActive: '#002c8c', // blue-9
    colorLink: '#0958d9',
    colorLinkHover: '#003eb3',
    colorError: '#cf1322', // red-7
    colorErrorHover: '#a8071a', // red-8
    colorSuccess: '#237804', // green-8
    colorWarning: '#ad4e00', // orange-8
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
  },
};
