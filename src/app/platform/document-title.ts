/** The page title is WeChat's title bar text; modern clients (7.x+) follow document.title changes. */
export function setDocumentTitle(title: string, doc: Pick<Document, 'title'> = document): void {
  doc.title = title
}
