import { Link } from 'react-router-dom';
import { PageHeading } from '../components/page-heading';
import pageLayout from '../components/page-layout.module.css';

export function NotFoundPage() {
  return (
    <section className={pageLayout.narrow}>
      <PageHeading title="Page not found" />
      <p>There is nothing at this address.</p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </section>
  );
}
