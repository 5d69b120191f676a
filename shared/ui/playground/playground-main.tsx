// The playground page (dist/shared-ui/playground.html, served at /playground): the real sidebar
// beside an in-browser sheet, both talking to the server that served the page.
import { render } from 'preact';
import { Playground, readPlaygroundConfig } from './playground-app';

const element = document.getElementById('app');
if (element !== null) render(<Playground config={readPlaygroundConfig(document)} />, element);
