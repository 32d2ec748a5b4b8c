import { ref, type Ref } from 'vue'

export interface CopyState {
  /** What the live region says after a copy: success, or how to copy by hand. */
  announcement: Ref<string>
  copy(text: string, fallbackTarget?: HTMLElement | null): Promise<void>
}

/**
 * "Copier": the clipboard when the browser allows it, else the text is selected for Ctrl+C; either
 * way the outcome is announced (a live region shows `announcement`).
 */
export function useCopy(what: string): CopyState {
  const announcement = ref('')

  async function copy(text: string, fallbackTarget?: HTMLElement | null): Promise<void> {
    announcement.value = ''
    try {
      if (!navigator.clipboard) throw new Error('no clipboard')
      await navigator.clipboard.writeText(text)
      announcement.value = `${what} copiée dans le presse-papiers.`
    } catch {
      const selection = window.getSelection()
      if (fallbackTarget && selection) {
        const range = document.createRange()
        range.selectNodeContents(fallbackTarget)
        selection.removeAllRanges()
        selection.addRange(range)
      }
      announcement.value = `La copie automatique n’est pas possible : ${what.toLowerCase()} est sélectionnée, copiez-la avec Ctrl+C (ou Cmd+C).`
    }
  }

  return { announcement, copy }
}
