// The learned second reader, in the visitor's browser: a port of
// havre/triage/model.py. Its weights come with the program's lists from the
// chat's API (null when the program's lists leave the model out); it reads a
// text only where the lists found no term. tests/triage/test_cross_language.py
// holds it to the Python model.

import type { Token } from "./normalize";

export interface LinearData {
  readonly bias: number;
  readonly weights: Readonly<Record<string, number>>;
}

export interface ModelData {
  readonly threshold: number;
  readonly crisis: LinearData;
  readonly danger: LinearData;
}

export interface Reading {
  readonly category: string | null;
  readonly score: number;
  readonly threshold: number;
  readonly words: readonly (readonly [string, number])[];
}

// Words shown by an explanation: the features that weighed most towards crisis.
const EXPLAINED = 5;

/** Words and pairs of adjacent words of one sentence, each once, in order of reading. */
export function features(tokens: readonly Token[]): string[] {
  const words = tokens.map((token) => (token.kind === "number" ? "#" : token.text));
  const found = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    found.add("w " + words[i]!);
    if (i + 1 < tokens.length && tokens[i + 1]!.sentence === tokens[i]!.sentence) {
      found.add("b " + words[i]! + " " + words[i + 1]!);
    }
  }
  return [...found];
}

class Linear {
  private readonly weights: Map<string, number>;

  constructor(
    private readonly bias: number,
    weights: Readonly<Record<string, number>>,
  ) {
    this.weights = new Map(Object.entries(weights));
  }

  known(found: readonly string[]): [string, number][] {
    const known: [string, number][] = [];
    for (const feature of found) {
      const weight = this.weights.get(feature);
      if (weight !== undefined) known.push([feature, weight]);
    }
    return known;
  }

  score(found: readonly string[]): number {
    let total = 0;
    let count = 0;
    for (const [, weight] of this.known(found)) {
      total += weight;
      count += 1;
    }
    return this.bias + (count ? total / Math.sqrt(count) : 0);
  }
}

export class Model {
  private readonly crisis: Linear;
  private readonly danger: Linear;
  private readonly threshold: number;

  constructor(data: ModelData) {
    this.crisis = new Linear(data.crisis.bias, data.crisis.weights);
    this.danger = new Linear(data.danger.bias, data.danger.weights);
    this.threshold = data.threshold;
  }

  read(tokens: readonly Token[]): Reading {
    const found = features(tokens);
    const score = this.crisis.score(found);
    let category: string | null = null;
    if (score > this.threshold) category = this.danger.score(found) > 0 ? "danger" : "suicide";
    const heaviest = this.crisis
      .known(found)
      .sort((a, b) => b[1] - a[1])
      .slice(0, EXPLAINED);
    const words = heaviest.filter(([, weight]) => weight > 0).map(([f, weight]) => [f.slice(2), weight] as const);
    return { category, score, threshold: this.threshold, words };
  }
}
