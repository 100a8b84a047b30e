/** Splits a byte stream into lines and keeps only the last `size`, so a chatty script cannot fill memory. */
export class LineTail {
  private readonly lines: string[] = [];
  private partial = "";

  constructor(
    private readonly size: number,
    private readonly onLine: (line: string) => void = () => {},
  ) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split("\n");
    this.partial = parts.pop() ?? "";
    for (const line of parts) this.add(line.replace(/\r$/, ""));
  }

  end(): void {
    if (this.partial !== "") this.add(this.partial);
    this.partial = "";
  }

  get last(): string[] {
    return [...this.lines];
  }

  private add(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.size) this.lines.shift();
    this.onLine(line);
  }
}
