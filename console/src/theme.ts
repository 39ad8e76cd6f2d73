import type { ThemeConfig } from 'antd';

/**
 * Colours: antd's default secondary/tertiary text (45 % black) and link blue (#1677ff) fall short
 * of WCAG AA contrast on white (4.5:1), and so does its error red; these keep the look and pass.
 *
 * Fonts: the system's CJK faces first (Windows 微软雅黑, macOS 苹方, Linux 文泉驿/Noto), so Chinese
 * renders with a real CJK font rather than a fallback; tabular figures for amounts.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    colorInfo: '#1d4ed8',
    colorLink: '#1d4ed8',
    // Hover/active: darker rather than antd's lighter derived tints, which fall below 4.5:1 on white.
    colorPrimaryHover: '#1e40af',
    colorPrimaryActive: '#1e3a8a',
    colorLinkHover: '#1e40af',
    colorLinkActive: '#1e3a8a',
    // Danger buttons and error text: antd's #ff4d4f is 3.3:1 on white; this red is 4.8:1.
    colorError: '#dc2626',
    colorErrorHover: '#b91c1c',
    colorErrorActive: '#991b1b',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', 'Helvetica Neue', Arial, sans-serif",
  },
};
