/** The topic map: a sample of documents placed in 2D, and the cluster centroids on the same plane. */
import { columnsOf, tableName, type SqlQuery } from './sql.ts';

export interface MapPoint {
  doc_id: string;
  cluster_id: number;
  x: number;
  y: number;
  date: string | null;
  title: string;
}

export interface MapCentroid {
  cluster_id: number;
  label: string;
  x: number;
  y: number;
}

const M = columnsOf('mapPoints');
const C = columnsOf('clusters');

export function mapPointsQuery(): SqlQuery {
  return {
    text: `SELECT ${M.doc_id}, ${M.cluster_id}, ${M.x}, ${M.y}, strftime(${M.date}, '%Y-%m-%d') AS ${M.date}, ${M.title}
FROM ${tableName('mapPoints')} ORDER BY ${M.doc_id}`,
    params: [],
    tables: ['mapPoints'],
  };
}

/** Clusters without a map position (too small to place) are left out. */
export function mapCentroidsQuery(): SqlQuery {
  return {
    text: `SELECT ${C.cluster_id}, ${C.label}, ${C.map_x} AS x, ${C.map_y} AS y FROM ${tableName('clusters')}
WHERE ${C.map_x} IS NOT NULL AND ${C.map_y} IS NOT NULL ORDER BY ${C.cluster_id}`,
    params: [],
    tables: ['clusters'],
  };
}
