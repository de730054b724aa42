// gettext's Plural-Forms rule ("nplurals=2; plural=(n > 1);"), read into a
// function from a count to the index of its form. The rule comes from the
// program's catalogues, not from code, so it is parsed rather than evaluated:
// numbers, n, ( ), ! and C's arithmetic, comparison, logical and ?: operators.

export type PluralRule = (n: number) => number;

const TOKEN = /\s*(\d+|n|\|\||&&|==|!=|<=|>=|[()?:!<>+\-*/%])/y;

// Binary operators from the loosest to the tightest.
const LEVELS: readonly (readonly string[])[] = [["||"], ["&&"], ["==", "!="], ["<", "<=", ">", ">="], ["+", "-"], ["*", "/", "%"]];

type Node = (n: number) => number;

/** The rule's function; throws on a rule it cannot read. */
export function parsePluralForms(header: string): PluralRule {
  const found = /plural\s*=\s*([^;]+)/.exec(header);
  if (found === null) throw new Error("Plural-Forms: no plural= expression");
  const source = found[1] as string;
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.trimEnd().length) {
    const match = TOKEN.exec(source);
    if (match === null) throw new Error("Plural-Forms: cannot read the expression");
    tokens.push(match[1] as string);
  }
  let at = 0;
  const peek = (): string | undefined => tokens[at];
  const take = (expected?: string): string => {
    const token = tokens[at++];
    if (token === undefined || (expected !== undefined && token !== expected)) {
      throw new Error("Plural-Forms: cannot read the expression");
    }
    return token;
  };
  const ternary = (): Node => {
    const test = binary(0);
    if (peek() !== "?") return test;
    take("?");
    const yes = ternary();
    take(":");
    const no = ternary();
    return (n) => (test(n) !== 0 ? yes(n) : no(n));
  };
  const binary = (level: number): Node => {
    if (level === LEVELS.length) return unary();
    let left = binary(level + 1);
    while ((LEVELS[level] as readonly string[]).includes(peek() ?? "")) {
      const operator = take();
      const right = binary(level + 1);
      const before = left;
      left = (n) => apply(operator, before(n), right(n));
    }
    return left;
  };
  const unary = (): Node => {
    const token = take();
    if (token === "!") {
      const operand = unary();
      return (n) => (operand(n) === 0 ? 1 : 0);
    }
    if (token === "(") {
      const inner = ternary();
      take(")");
      return inner;
    }
    if (token === "n") return (n) => n;
    if (/^\d+$/.test(token)) {
      const value = Number(token);
      return () => value;
    }
    throw new Error("Plural-Forms: cannot read the expression");
  };
  const rule = ternary();
  if (at !== tokens.length) throw new Error("Plural-Forms: cannot read the expression");
  return (n) => rule(Math.abs(Math.trunc(n)));
}

function apply(operator: string, a: number, b: number): number {
  switch (operator) {
    case "||":
      return a !== 0 || b !== 0 ? 1 : 0;
    case "&&":
      return a !== 0 && b !== 0 ? 1 : 0;
    case "==":
      return a === b ? 1 : 0;
    case "!=":
      return a !== b ? 1 : 0;
    case "<":
      return a < b ? 1 : 0;
    case "<=":
      return a <= b ? 1 : 0;
    case ">":
      return a > b ? 1 : 0;
    case ">=":
      return a >= b ? 1 : 0;
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return b === 0 ? 0 : Math.trunc(a / b);
    default:
      return b === 0 ? 0 : a % b;
  }
}
