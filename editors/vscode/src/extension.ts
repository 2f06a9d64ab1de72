// Starts `replylint server` for reply files (plain text, Markdown and the
// library formats) and hands it the editor's documents over stdio.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const command = vscode.workspace.getConfiguration("replylint").get<string>("path", "replylint");
  const serverOptions: ServerOptions = {
    command,
    args: ["server"],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "plaintext" },
      { scheme: "file", language: "markdown" },
      { scheme: "file", pattern: "**/*.{toml,csv,jsonl,json}" },
      { scheme: "untitled", language: "plaintext" },
      { scheme: "untitled", language: "markdown" },
    ],
    synchronize: {
      // The server reloads its settings when a configuration file changes.
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{replylint.toml,.replylint.toml}"),
    },
  };
  client = new LanguageClient("replylint", "replylint", serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
