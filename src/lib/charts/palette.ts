/**
 * 24 categorical colours: Tableau 10, then the 12 of ColorBrewer Set3 darkened slightly (the light ones vanish on a
 * white background), then two extras. Beyond 24 clusters colours repeat; the legend and hover name the cluster.
 */
import { hsl, schemeSet3, schemeTableau10 } from 'd3';

const set3 = schemeSet3.map((c) => hsl(c).darker(0.6).formatHex());

export const PALETTE: readonly string[] = [...schemeTableau10, ...set3, '#1f3a93', '#8c564b'];

export function colorOf(clusterId: number): string {
  return PALETTE[((clusterId % PALETTE.length) + PALETTE.length) % PALETTE.length] ?? '#888';
}
