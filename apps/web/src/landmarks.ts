/** Ids of the page regions the skip links point to (fragments citizens may share, so in French). */
export const MAIN_CONTENT_ID = 'contenu'
export const FOOTER_ID = 'pied-de-page'
