import { Injectable } from '@nestjs/common';
import { PitchScoresService } from '@ideas-lab/pitches';
import { PitchScores, type TeamPitchScore } from './proposal-reviews.port.js';

/**
 * The PitchScores port answered by the pitches lib: each team's mean weighted pitch score
 * (0..1); a team that pitched in several closed sessions gets the mean over all its scores.
 */
@Injectable()
export class PitchesLibPitchScores extends PitchScores {
  constructor(private readonly pitches: PitchScoresService) {
    super();
  }

  async pitchScoresOfLab(labId: string): Promise<TeamPitchScore[]> {
    const byTeam = new Map<string, { total: number; n: number }>();
    for (const summary of await this.pitches.summariesOfLab(labId)) {
      if (summary.mean === null || summary.n === 0) continue;
      const entry = byTeam.get(summary.teamId) ?? { total: 0, n: 0 };
      entry.total += summary.mean * summary.n;
      entry.n += summary.n;
      byTeam.set(summary.teamId, entry);
    }
    return [...byTeam].map(([teamId, { total, n }]) => ({ teamId, mean: total / n, n }));
  }
}
