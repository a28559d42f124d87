/**
 * Okabe–Ito colours: distinguishable with the common colour-vision
 * deficiencies. Series also differ by dash pattern, so colour is never the
 * only cue.
 */
export const PALETTE = {
  blue: '#0072B2',
  vermillion: '#D55E00',
  green: '#009E73',
  orange: '#E69F00',
  sky: '#56B4E9',
  purple: '#CC79A7',
  black: '#000000',
} as const;

export const DASHES = ['', '6 3', '2 3', '8 3 2 3'] as const;
