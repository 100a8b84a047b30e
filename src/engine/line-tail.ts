/**
 * Splits a stream into lines and keeps only the last `size`, each cut to `maxChars`. Only the
 * unfinished line is carried between chunks, and it is cut as well, so a script printing megabytes
 * without a newline costs constant memory and time per chunk.
 */
export class LineTail {
  private readonly lines: string[] = [];
  private partial = "";
  private partialCut = false;

  constructor(
    private readonly size: number,
    private readonly maxChars: number,
    private readonly onLine: (line: string) => void = () => {},
  ) {}

  push(chunk: string): void {
    let start = 0;
    for (let nl = chunk.indexOf("\n", start); nl !== -1; nl = chunk.indexOf("\n", start)) {
      this.append(chunk.slice(start, nl));
      this.add(this.partial.replace(/\r$/, ""), this.partialCut);
      this.partial = "";
      this.partialCut = false;
      start = nl + 1;
    }
    this.append(chunk.slice(start));
  }

  end(): void {
    if (this.partial !== "" || this.partialCut) this.add(this.partial, this.partialCut);
    this.partial = "";
    this.partialCut = false;
  }

  get last(): string[] {
    return [...this.lines];
  }

  private append(text: string): void {
    const room = this.maxChars - this.partial.length;
    if (text.length <= room) this.partial += text;
    else {
      this.partial += text.slice(0, Math.max(0, room));
      this.partialCut = true;
    }
  }

  private add(line: string, cut: boolean): void {
    const shown = cut ? `${line} …` : line;
    this.lines.push(shown);
    if (this.lines.length > this.size) this.lines.shift();
    this.onLine(shown);
  }
}
