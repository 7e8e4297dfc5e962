/** The console's addresses for a board and its cycles, each segment encoded. */
export const boardPath = (boardId: string): string => `/console/boards/${encodeURIComponent(boardId)}`;

export const cyclePath = (boardId: string, cycleId: string): string => `${boardPath(boardId)}/cycles/${encodeURIComponent(cycleId)}`;
