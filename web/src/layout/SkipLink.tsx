import './layout.css';

/** The id of the page's main region, the skip link's target. */
export const MAIN_CONTENT_ID = 'main-content';

/** The first focusable element of every signed-in page: straight past the header and menu. */
export function SkipLink() {
  return (
    <a className="plumbline-skip-link" href={`#${MAIN_CONTENT_ID}`}>
      Skip to main content
    </a>
  );
}
